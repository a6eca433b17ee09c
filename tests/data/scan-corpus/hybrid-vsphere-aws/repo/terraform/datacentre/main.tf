provider "vsphere" {
  vsphere_server = var.vcenter
}

resource "vsphere_virtual_machine" "app" {
  count            = 4
  name             = "app-${count.index}"
  resource_pool_id = data.vsphere_compute_cluster.east.resource_pool_id
}
