"""ironflow-gen: one schema of the Ironflow contract, every SDK generated from it.

The pipeline is the architecture: ``loader`` -> ``checker`` -> ``ir_builder`` ->
``targets`` -> ``writer``, driven by ``cli``. Imports here stay light so that
``ironflow-gen check`` on an unchanged tree starts fast.
"""

__version__ = "0.1.0"
