from sqmkit.cli import main

raise SystemExit(main())
