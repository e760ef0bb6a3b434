"""What runs mouflow: the launcher (`ops.up`), the demo seed (`ops.seed`), the command line (`ops.cli`) and
the harness that starts and kills the processes one by one for the fault tests and benchmarks (`ops.stack`)."""
