import multiprocessing
import sys

from crmsync.cli import main

# Guarded: the sync helper process (crmsync.sync.host) is started by "spawn", which imports
# the main module again; it must not start a second crmsync there.
if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen Windows build starts its helpers through here
    sys.exit(main())
