// liaison-bench: see Commands.swift for the subcommands, Benchmarks.swift for what they measure,
// and docs/performance.md for the figures.
LiaisonBench.main()
