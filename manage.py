#!/usr/bin/env python
"""Django's command-line utility; ``dienhong`` is the same with a shorter name."""

import sys

from dienhong.cli import main

if __name__ == "__main__":
    main(sys.argv[1:])
