from django.db import migrations


def create_catalogue(apps, schema_editor):
    """The course catalogue page under the home page, so /courses/ always exists."""
    ContentType = apps.get_model("contenttypes.ContentType")
    HomePage = apps.get_model("courses.HomePage")
    CourseIndexPage = apps.get_model("courses.CourseIndexPage")
    home = HomePage.objects.filter(depth=2).first()
    if home is None or CourseIndexPage.objects.exists():
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label="courses", model="courseindexpage"
    )
    CourseIndexPage.objects.create(
        title="Courses",
        draft_title="Courses",
        slug="courses",
        content_type=content_type,
        path=f"{home.path}0001",
        depth=3,
        numchild=0,
        url_path=f"{home.url_path}courses/",
        locale_id=home.locale_id,
        intro="<p>Every course the hub offers. Filter by track or by how it is delivered.</p>",
    )
    home.numchild = 1
    home.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [("courses", "0003_learning_models")]

    operations = [migrations.RunPython(create_catalogue, migrations.RunPython.noop)]
