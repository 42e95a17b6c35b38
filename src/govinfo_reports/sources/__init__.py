"""Documents to text: files and their encodings, HTML pages, PDF and Word files, all read into the same report nodes."""
