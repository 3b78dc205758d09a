from weibao.cli.app import main

main()
