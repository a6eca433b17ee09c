job "billing" {
  datacenters = ["dc1"]

  group "billing" {
    count = 2

    task "billing" {
      driver = "java"

      artifact {
        source = "https://artifacts.internal/billing/billing-4.2.0.jar"
      }

      config {
        jar_path    = "local/billing-4.2.0.jar"
        jvm_options = ["-Xmx512m"]
      }
    }
  }
}
