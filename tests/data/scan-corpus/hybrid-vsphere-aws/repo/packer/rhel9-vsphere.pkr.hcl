source "vsphere-iso" "rhel9" {
  vcenter_server = var.vcenter
  datacenter     = "dc-east"
  guest_os_type  = "rhel9_64Guest"
  communicator   = "ssh"
  ssh_username   = "packer"
}

build {
  sources = ["source.vsphere-iso.rhel9"]
  provisioner "ansible" {
    playbook_file = "../ansible/base.yml"
  }
}
