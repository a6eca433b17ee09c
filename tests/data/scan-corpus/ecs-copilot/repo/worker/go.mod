module example.com/orders/worker

go 1.23

require github.com/aws/aws-sdk-go-v2/service/sqs v1.36.3
