# Pages name a date one way, as the letters and the request pages already do ("4 January 2027"),
# rather than Django's default for English ("Jan. 4, 2027") on the petition pages.
DATE_FORMAT = "j F Y"
