"""Excel: the macros behind the buttons, written once against the `Book` seam, with a
live-Excel book (xlwings) and a file book (openpyxl) for `--write` and the tests."""
