provider "aws" {
  region = "us-east-1"
}

resource "aws_autoscaling_group" "app" {
  min_size = 2
  max_size = 8
}
