job "nightly-report" {
  datacenters = ["dc1"]
  type        = "batch"

  periodic {
    crons            = ["0 3 * * *"]
    prohibit_overlap = true
  }

  group "report" {
    task "report" {
      driver = "raw_exec"

      config {
        command = "/opt/reports/bin/nightly"
      }
    }
  }
}
