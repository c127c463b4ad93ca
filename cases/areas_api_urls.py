# Owned by the areas work: Thai administrative areas for cascading selects.
urlpatterns = []
