"""Demography shared by the funds: who is alive, contributing and retired, by year, sex and age.

- :mod:`model.engine.demography.mortality` — WPP 2022 China death probabilities by single age and
  calendar year, regional loading, improvement scale, life expectancy.
- :mod:`model.engine.demography.population` — one-year ageing step, the national age pyramid from WPP
  births, default age-sex profiles of each fund group and a region's own profile table.
- :mod:`model.engine.demography.retirement` — statutory ages under the 2025 reform, minimum contribution
  years, yearly retirement schedule and hazard, individual-account divisor months.

Axis order ``(batch, year, sex, age)``; sex 0 = male, 1 = female; age 0..100 at 31 December.
"""
