resource "google_container_cluster" "shop" {
  name             = var.name
  location         = var.region
  enable_autopilot = true
}

resource "null_resource" "deploy" {
  provisioner "local-exec" {
    command = "kubectl apply -k ../kubernetes-manifests"
  }
  depends_on = [google_container_cluster.shop]
}
