#!/bin/sh
psql "$REPORTS_DSN" -f /opt/reports/nightly.sql
