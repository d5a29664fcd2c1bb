using NUnit.Framework;

// Every fixture owns its own slapd on its own port and folder, so fixtures run side by side.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(4)]
