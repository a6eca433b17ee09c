provider "aws" {
  region = "eu-west-1"
}

data "aws_ami" "orders" {
  most_recent = true
  owners      = ["self"]
  filter {
    name   = "name"
    values = ["orders-app-*"]
  }
}

resource "aws_launch_template" "orders" {
  name_prefix   = "orders-"
  image_id      = data.aws_ami.orders.id
  instance_type = "t3.medium"
}

resource "aws_autoscaling_group" "orders" {
  min_size            = 2
  max_size            = 6
  vpc_zone_identifier = var.subnets
  launch_template {
    id      = aws_launch_template.orders.id
    version = "$Latest"
  }
  instance_refresh {
    strategy = "Rolling"
  }
}

variable "subnets" {
  type = list(string)
}
