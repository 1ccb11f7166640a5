"""`python -m secor_xl` is `secor-xl`."""

from .cli import main

main()
