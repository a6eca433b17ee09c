packer {
  required_plugins {
    amazon = {
      source  = "github.com/hashicorp/amazon"
      version = "~> 1.3"
    }
    ansible = {
      source  = "github.com/hashicorp/ansible"
      version = "~> 1.1"
    }
  }
}

source "amazon-ebs" "app" {
  ami_name      = "orders-app-{{timestamp}}"
  instance_type = "t3.small"
  region        = var.region
  ssh_username  = "ec2-user"

  source_ami_filter {
    filters = {
      name                = "al2023-ami-*-x86_64"
      virtualization-type = "hvm"
    }
    owners      = ["amazon"]
    most_recent = true
  }
}

build {
  sources = ["source.amazon-ebs.app"]

  provisioner "ansible" {
    playbook_file = "../ansible/site.yml"
  }
}
