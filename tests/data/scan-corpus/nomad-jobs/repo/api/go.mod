module example.internal/api

go 1.23
