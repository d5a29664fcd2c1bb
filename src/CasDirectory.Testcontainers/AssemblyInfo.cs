[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("CasDirectory.Testcontainers.Tests")]
