"""nonprolif-kg: arms-control and non-proliferation documents as a linked-data graph.

The pipeline's stages are modules of this package: :mod:`~nonprolif_kg.read`,
:mod:`~nonprolif_kg.normalize`, :mod:`~nonprolif_kg.segment`,
:mod:`~nonprolif_kg.extract`, :mod:`~nonprolif_kg.graph` and
:mod:`~nonprolif_kg.export`; :func:`nonprolif_kg.pipeline.build` runs them all.
"""

__version__ = "0.1.0"
