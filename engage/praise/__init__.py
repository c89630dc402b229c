"""Customers' praise becomes kudos: a daily DM to each agent's manager listing the praise their reports got,
each with a Give kudos button, and one to each agent with the customers' words."""
