module example.com/shop/checkout

go 1.23

require google.golang.org/grpc v1.67.0
