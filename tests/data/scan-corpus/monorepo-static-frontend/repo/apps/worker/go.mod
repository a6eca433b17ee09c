module example.com/acme/worker

go 1.23
