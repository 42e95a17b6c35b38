"""Out to other tools: JSON through cattrs, pandas frames."""
