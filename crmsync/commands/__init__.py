"""Subcommand groups of the crmsync command line (argparse only, no Qt at import time)."""
