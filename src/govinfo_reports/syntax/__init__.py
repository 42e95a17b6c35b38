"""Text to tree: the grammar, the lexers, the parser, the nodes and their rendering (see :doc:`/architecture`)."""
