import sys

from report.html import main

sys.exit(main())
