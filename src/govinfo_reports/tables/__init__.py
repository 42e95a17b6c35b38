"""Tables to facts: the national templates as data, table grids, the readers of tables 二, 三, 四 and legacy tables."""
