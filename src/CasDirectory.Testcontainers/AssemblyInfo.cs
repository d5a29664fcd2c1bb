[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("CasDirectory.Testcontainers.Tests")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("CasDirectory.Bench")]
