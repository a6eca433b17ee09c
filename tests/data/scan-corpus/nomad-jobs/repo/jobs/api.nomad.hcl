job "api" {
  datacenters = ["dc1"]
  type        = "service"

  group "api" {
    count = 3

    network {
      port "http" { to = 8080 }
    }

    service {
      name     = "api"
      port     = "http"
      provider = "consul"
    }

    task "server" {
      driver = "docker"

      config {
        image = "registry.internal/api:1.14.2"
        ports = ["http"]
      }

      resources {
        cpu    = 500
        memory = 256
      }
    }
  }
}
