Console.WriteLine("Occi.Bench: see README");
