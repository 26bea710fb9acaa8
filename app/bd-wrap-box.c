/* bd-wrap-box.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Children side by side, each at its natural width, starting a new line
 * when the next one does not fit: the diagnosis badges. A GtkBox makes
 * every badge wrap its text inside once the pair is too wide, and
 * GtkFlowBox (GTK 4.8) spreads a line's children over the whole width;
 * this box does neither. Its height follows its width, so a second line
 * pushes what is below it down.
 */
#define G_LOG_DOMAIN "bd-wrap-box"

#include "config.h"

#include "bd-wrap-box.h"

#define COLUMN_SPACING 8
#define ROW_SPACING    6

struct _BdWrapBox
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (BdWrapBox, bd_wrap_box, GTK_TYPE_WIDGET)

/* Lays the children out in @width; allocates them when @allocate is
 * set. Returns the height used. */
static int
lay_out (BdWrapBox *self,
         int        width,
         gboolean   allocate)
{
  int x = 0, y = 0, line_height = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min, nat, child_width, child_height;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      child_width = MAX (min, MIN (nat, width));
      if (x > 0 && x + child_width > width)
        {
          y += line_height + ROW_SPACING;
          x = 0;
          line_height = 0;
          child_width = MAX (min, MIN (nat, width));
        }
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width, NULL, &child_height, NULL, NULL);
      if (allocate)
        gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, child_width, child_height }, -1);
      x += child_width + COLUMN_SPACING;
      line_height = MAX (line_height, child_height);
    }

  return y + line_height;
}

static void
bd_wrap_box_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  BdWrapBox *self = BD_WRAP_BOX (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* narrowest: the widest child alone; natural: all on one line */
      int n = 0;

      *minimum = *natural = 0;
      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int min, nat;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
          *minimum = MAX (*minimum, min);
          *natural += nat + (n++ > 0 ? COLUMN_SPACING : 0);
        }
      return;
    }

  if (for_size < 0)
    {
      int min;

      bd_wrap_box_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, &for_size, NULL, NULL);
    }
  *minimum = *natural = lay_out (self, for_size, FALSE);
}

static void
bd_wrap_box_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  lay_out (BD_WRAP_BOX (widget), width, TRUE);
}

static GtkSizeRequestMode
bd_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
bd_wrap_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (bd_wrap_box_parent_class)->dispose (object);
}

static void
bd_wrap_box_class_init (BdWrapBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bd_wrap_box_dispose;
  widget_class->measure = bd_wrap_box_measure;
  widget_class->size_allocate = bd_wrap_box_size_allocate;
  widget_class->get_request_mode = bd_wrap_box_get_request_mode;
}

static void
bd_wrap_box_init (BdWrapBox *self)
{
}

GtkWidget *
bd_wrap_box_new (void)
{
  return g_object_new (BD_TYPE_WRAP_BOX, NULL);
}
