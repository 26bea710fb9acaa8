/* bd-tab-stop.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A container that makes everything inside it one stop of the Tab chain,
 * as WAI-ARIA's "roving tabindex" does for a list of options: Tab and
 * Shift+Tab enter it at its entry widget (the option in use) and leave
 * it in one step; the arrow keys move inside. Used for the reason chart,
 * whose rows are filters: without it Tab walked through every row.
 */
#define G_LOG_DOMAIN "bd-tab-stop"

#include "config.h"

#include "bd-tab-stop.h"

struct _BdTabStop
{
  GtkWidget  parent_instance;

  /* Borrowed (weak) */
  GtkWidget *entry;
};

G_DEFINE_FINAL_TYPE (BdTabStop, bd_tab_stop, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_CHILD, N_PROPS };

static gboolean
bd_tab_stop_focus (GtkWidget        *widget,
                   GtkDirectionType  direction)
{
  BdTabStop *self = BD_TAB_STOP (widget);
  GtkWidget *child = gtk_widget_get_first_child (widget);
  gboolean tab = direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_TAB_BACKWARD;

  if (child == NULL)
    return FALSE;

  if (!tab)
    return gtk_widget_child_focus (child, direction);

  /* Tab from inside: leave. */
  if (gtk_widget_get_focus_child (widget) != NULL)
    return FALSE;

  if (self->entry != NULL && gtk_widget_is_ancestor (self->entry, widget) &&
      gtk_widget_is_visible (self->entry) && gtk_widget_grab_focus (self->entry))
    return TRUE;
  return gtk_widget_child_focus (child, GTK_DIR_TAB_FORWARD);
}

static void
bd_tab_stop_dispose (GObject *object)
{
  BdTabStop *self = BD_TAB_STOP (object);
  GtkWidget *child;

  g_clear_weak_pointer (&self->entry);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (bd_tab_stop_parent_class)->dispose (object);
}

static void
bd_tab_stop_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  GtkWidget *child;

  switch (prop_id)
    {
    case PROP_CHILD:
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
        gtk_widget_unparent (child);
      if (g_value_get_object (value) != NULL)
        gtk_widget_set_parent (g_value_get_object (value), GTK_WIDGET (object));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_tab_stop_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, gtk_widget_get_first_child (GTK_WIDGET (object)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bd_tab_stop_class_init (BdTabStopClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bd_tab_stop_dispose;
  object_class->set_property = bd_tab_stop_set_property;
  object_class->get_property = bd_tab_stop_get_property;
  widget_class->focus = bd_tab_stop_focus;

  g_object_class_install_property (object_class, PROP_CHILD,
                                   g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                                                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
bd_tab_stop_init (BdTabStop *self)
{
}

/**
 * bd_tab_stop_set_entry:
 * @entry: (nullable): a descendant that Tab gives the focus to
 */
void
bd_tab_stop_set_entry (BdTabStop *self,
                       GtkWidget *entry)
{
  g_return_if_fail (BD_IS_TAB_STOP (self));
  g_return_if_fail (entry == NULL || GTK_IS_WIDGET (entry));

  g_set_weak_pointer (&self->entry, entry);
}
