import sys

from warehouse_build.cli import main

if __name__ == "__main__":
    sys.exit(main())
