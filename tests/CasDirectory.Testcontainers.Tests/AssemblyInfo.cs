using NUnit.Framework;

// Each fixture starts its own containers; they share nothing, so fixtures run side by side.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(3)]
