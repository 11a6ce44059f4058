"""People: citizens (brukare and närstående), staff users and their units."""
