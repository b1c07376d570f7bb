"""`python -m osce_kg` runs the `osce-kg` command (no console-script shim needed)."""

from osce_kg.cli import main

main(prog_name="osce-kg")
