source "amazon-ebs" "rhel9" {
  ami_name      = "rhel9-base-{{timestamp}}"
  instance_type = "t3.small"
  ssh_username  = "ec2-user"
}

build {
  sources = ["source.amazon-ebs.rhel9"]
  provisioner "ansible" {
    playbook_file = "../ansible/base.yml"
  }
}
