"""``python -m ironflow_gen``: the same command line as the ``ironflow-gen`` script."""

from .cli import main

main()
