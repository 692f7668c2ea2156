"""``python -m ironflow_gen``: the same command line as the ``ironflow-gen`` script."""

from .entry import main

main()
