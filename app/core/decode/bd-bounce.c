/* bd-bounce.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-bounce"

#include "config.h"

#include <string.h>

#include "bd-bounce.h"
#include "bd-decoder.h"
#include "bd-mime.h"

G_DEFINE_BOXED_TYPE (BdBounce, bd_bounce, bd_bounce_ref, bd_bounce_unref)

/* A few spare bounces per thread, emptied. The decoder makes a scratch
 * result for each message only to drop it, and a mailbox run drops each
 * result once shown: taking one dropped before saves the five allocations
 * of a new one (the struct, its original and three arrays) and their
 * frees. Two are in use per message (the result and the scratch one),
 * more for a forwarded bounce. */
#define MAX_SPARE_BOUNCES 4

/* Recipient records dropped with their bounce, kept the same way: most
 * reports name one or two recipients, a mailing list's a few dozen. */
#define MAX_SPARE_RECIPIENTS 16

typedef struct
{
  BdBounce    *items[MAX_SPARE_BOUNCES];
  guint        len;
  guint        n_recipients;
  BdRecipient *recipients[MAX_SPARE_RECIPIENTS];
} SpareBounces;

static void spare_bounces_free (SpareBounces *spares);

/* A bounce as this file allocates it (nowhere else makes one), with the
 * buffer its source is copied into: a spare bounce keeps it for the next
 * message's path, which seldom needs more room. */
typedef struct
{
  BdBounce  bounce;
  char     *source_buffer;
  gsize     source_room;
} BounceBlock;

/* This thread's spares, read as a thread-local variable: g_private_get ()
 * cost a call and a look-up, four times a message. spare_bounces holds
 * the same pointer only so that its destructor frees them when the thread
 * ends (as bd-text-grams.c keeps its tables). */
static __thread SpareBounces *thread_spares;
static GPrivate spare_bounces = G_PRIVATE_INIT ((GDestroyNotify)spare_bounces_free);

/* g_free() without the call for the many fields that were never set. */
static inline void
free_string (char *s)
{
  if (s != NULL)
    g_free (s);
}

/* Empties @array, which keeps its free function and its room. */
static inline void
empty_array (GPtrArray *array)
{
  if (array->len > 0)
    g_ptr_array_set_size (array, 0);
}

const char *
bd_kind_to_string (BdKind kind)
{
  switch (kind)
    {
    case BD_KIND_BOUNCE:     return "bounce";
    case BD_KIND_DELAYED:    return "delayed";
    case BD_KIND_DELIVERED:  return "delivered";
    case BD_KIND_VACATION:   return "vacation";
    case BD_KIND_FEEDBACK:   return "feedback";
    case BD_KIND_NOT_BOUNCE:
    default:                 return "not-bounce";
    }
}

void
bd_dkim_ref_free (BdDkimRef *self)
{
  if (self == NULL)
    return;

  g_free (self->domain);
  g_free (self->selector);
  g_free (self);
}

static BdOriginal *
original_new (void)
{
  BdOriginal *self = g_new0 (BdOriginal, 1);

  self->to = g_ptr_array_new_with_free_func (g_free);
  self->dkim = g_ptr_array_new_with_free_func ((GDestroyNotify)bd_dkim_ref_free);
  return self;
}

/* Leaves @self as original_new() made it, its arrays kept. */
static void
original_clear (BdOriginal *self)
{
  GPtrArray *to = self->to;
  GPtrArray *dkim = self->dkim;

  free_string (self->from);
  free_string (self->subject);
  free_string (self->message_id);
  free_string (self->date);
  free_string (self->sender_ip);
  free_string (self->sender_host);
  free_string (self->excerpt);
  free_string (self->bimi_selector);
  empty_array (to);
  empty_array (dkim);
  memset (self, 0, sizeof *self);
  self->to = to;
  self->dkim = dkim;
}

static void
original_free (BdOriginal *self)
{
  original_clear (self);
  g_ptr_array_unref (self->to);
  g_ptr_array_unref (self->dkim);
  g_free (self);
}

BdRecipient *
bd_recipient_new (void)
{
  SpareBounces *spares = thread_spares;
  BdRecipient *self;

  if (spares == NULL || spares->n_recipients == 0)
    return g_new0 (BdRecipient, 1);
  self = spares->recipients[--spares->n_recipients];
  memset (self, 0, sizeof *self);
  return self;
}

/* Keeps the emptied @self as a spare of this thread, unless it has enough.
 * The spares are made by the first bounce kept (keep_spare ()), not here:
 * a recipient freed while they are freed at the thread's end is not kept. */
static gboolean
keep_spare_recipient (BdRecipient *self)
{
  SpareBounces *spares = thread_spares;

#if defined(__SANITIZE_ADDRESS__)
  /* freed, so that AddressSanitizer still sees a use after the free */
  return FALSE;
#endif
  if (spares == NULL || spares->n_recipients == MAX_SPARE_RECIPIENTS)
    return FALSE;
  spares->recipients[spares->n_recipients++] = self;
  return TRUE;
}

void
bd_recipient_free (BdRecipient *self)
{
  if (self == NULL)
    return;

  free_string (self->address);
  free_string (self->original);
  free_string (self->action);
  free_string (self->status);
  free_string (self->diagnostic);
  free_string (self->remote_mta);
  free_string (self->last_attempt);
  free_string (self->will_retry_until);
  free_string (self->evidence);
  /* bd_evidence_clear () less its call: its item is all it owns, and
   * the record is dropped or emptied whole when reused */
  free_string (self->cause.item);
  free_string (self->diagnostic_type);
  free_string (self->command);
  if (!keep_spare_recipient (self))
    g_free (self);
}

/**
 * bd_recipient_set_status:
 * @status: the enhanced status code, e.g. "5.1.1"
 *
 * Sets @self's status to a copy of @status. The copy held is overwritten
 * when it is as long or longer: the decoder sets again the status that it
 * reads in each reply, mostly the one it had, and a new copy for each
 * was an allocation and a free a recipient.
 */
void
bd_recipient_set_status (BdRecipient *self,
                         const char  *status)
{
  gsize len;

  g_return_if_fail (self != NULL);
  g_return_if_fail (status != NULL);

  len = strlen (status);
  if (self->status != NULL && len <= strlen (self->status))
    {
      memcpy (self->status, status, len + 1);
      return;
    }
  g_free (self->status);
  self->status = g_strndup (status, len);
}

/**
 * bd_recipient_set_evidence:
 * @item: (nullable): the code, words or rule that decided
 *
 * Records why @self got its reason, as data and in its recorded form.
 */
void
bd_recipient_set_evidence (BdRecipient    *self,
                           BdEvidenceKind  kind,
                           const char     *item)
{
  g_return_if_fail (self != NULL);

  bd_evidence_set (&self->cause, kind, item);
  g_free (self->evidence);
  self->evidence = bd_evidence_to_string (&self->cause);
}

/* Moves @evidence (left empty) into @self, with its recorded form. */
void
bd_recipient_take_evidence (BdRecipient *self,
                            BdEvidence  *evidence)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (evidence != NULL);

  bd_evidence_move (&self->cause, evidence);
  g_free (self->evidence);
  self->evidence = bd_evidence_to_string (&self->cause);
}

/* Leaves @self as bd_bounce_new() makes it, less its source and its
 * reference count; its original and arrays are kept, emptied. */
static void
bounce_clear (BdBounce *self)
{
  BdOriginal *original = self->original;
  GPtrArray *recipients = self->recipients;

  /* self->source is the block's buffer, kept */
  free_string (self->mta);
  free_string (self->reporting_mta);
  free_string (self->date);
  free_string (self->arrival_date);
  free_string (self->subject);
  free_string (self->from);
  free_string (self->to);
  free_string (self->note);
  original_clear (original);
  empty_array (recipients);
  memset (self, 0, sizeof *self);
  self->original = original;
  self->recipients = recipients;
}

static void
bounce_free (BdBounce *self)
{
  bounce_clear (self);
  original_free (self->original);
  g_ptr_array_unref (self->recipients);
  g_free (((BounceBlock *)self)->source_buffer);
  g_free (self);
}

static void
spare_bounces_free (SpareBounces *spares)
{
  if (thread_spares == spares)
    thread_spares = NULL;
  for (guint i = 0; i < spares->len; i++)
    bounce_free (spares->items[i]);
  for (guint i = 0; i < spares->n_recipients; i++)
    g_free (spares->recipients[i]);
  g_free (spares);
}

/* Returns: (nullable): an emptied bounce of this thread's spares. */
static BdBounce *
take_spare (void)
{
  SpareBounces *spares = thread_spares;

  if (spares == NULL || spares->len == 0)
    return NULL;
  return spares->items[--spares->len];
}

/* Keeps the emptied @self as a spare of this thread, unless it has enough. */
static gboolean
keep_spare (BdBounce *self)
{
  SpareBounces *spares = thread_spares;

#if defined(__SANITIZE_ADDRESS__)
  /* freed, so that AddressSanitizer still sees a use after the last unref */
  return FALSE;
#endif
  if (spares == NULL)
    {
      spares = g_new0 (SpareBounces, 1);
      thread_spares = spares;
      g_private_set (&spare_bounces, spares);
    }
  if (spares->len == MAX_SPARE_BOUNCES)
    return FALSE;
  spares->items[spares->len++] = self;
  return TRUE;
}

/**
 * bd_bounce_new:
 * @source: the path the message came from
 * @offset: its byte offset in an mbox, else 0
 *
 * Returns: (transfer full): an empty result of kind %BD_KIND_NOT_BOUNCE.
 */
BdBounce *
bd_bounce_new (const char *source,
               goffset     offset)
{
  BdBounce *self;
  BounceBlock *block;
  gsize size;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (offset >= 0, NULL);

  self = bd_bounce_new_scratch (offset);
  block = (BounceBlock *)self;
  size = strlen (source) + 1;
  if (size > block->source_room)
    {
      g_free (block->source_buffer);
      block->source_room = MAX (size, 128);
      block->source_buffer = g_malloc (block->source_room);
    }
  self->source = memcpy (block->source_buffer, source, size);
  return self;
}

/**
 * bd_bounce_new_scratch:
 * @offset: its byte offset in an mbox, else 0
 *
 * bd_bounce_new() without a source (it is %NULL): the decoder's scratch
 * result, which scanners fill and the decoder merges but never returns,
 * needs no copy of the path (two a message were made).
 *
 * Returns: (transfer full): an empty result of kind %BD_KIND_NOT_BOUNCE.
 */
BdBounce *
bd_bounce_new_scratch (goffset offset)
{
  BdBounce *self;

  g_return_val_if_fail (offset >= 0, NULL);

  self = take_spare ();
  if (self == NULL)
    {
      self = (BdBounce *)g_new0 (BounceBlock, 1);
      self->original = original_new ();
      self->recipients = g_ptr_array_new_with_free_func ((GDestroyNotify)bd_recipient_free);
    }
  g_atomic_ref_count_init (&self->ref_count);
  self->offset = offset;
  self->kind = BD_KIND_NOT_BOUNCE;
  return self;
}

BdBounce *
bd_bounce_ref (BdBounce *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
bd_bounce_unref (BdBounce *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  bounce_clear (self);
  if (!keep_spare (self))
    bounce_free (self);
}

/**
 * bd_bounce_add_recipient:
 * @address: (nullable): the recipient's address
 *
 * Returns: (transfer none): a new record, appended and owned by @self.
 */
BdRecipient *
bd_bounce_add_recipient (BdBounce   *self,
                         const char *address)
{
  BdRecipient *recipient;

  g_return_val_if_fail (self != NULL, NULL);

  recipient = bd_recipient_new ();
  recipient->address = g_strdup (address);
  g_ptr_array_add (self->recipients, recipient);
  return recipient;
}

/* The recorded English form of one limit, as the JSON's `note` has said
 * since the limits were added. */
static char *
limit_to_string (const BdBounce *self,
                 BdDecodeLimit   limit)
{
  switch (limit)
    {
    case BD_DECODE_LIMIT_RECIPIENTS:
      return g_strdup_printf ("only the first %u recipients were read, %u more were skipped",
                              self->kept_recipients, self->skipped_recipients);
    case BD_DECODE_LIMIT_DEPTH:
      return g_strdup ("MIME parts nested more than " G_STRINGIFY (BD_DECODER_MAX_DEPTH)
                       " levels deep were not read");
    case BD_DECODE_LIMIT_SIZE:
      return g_strdup ("the message is " G_STRINGIFY (BD_DECODER_MAX_MESSAGE_MB) " MB or more: only its first "
                       G_STRINGIFY (BD_DECODER_MAX_MESSAGE_MB) " MB were read");
    case BD_DECODE_LIMIT_PARTS:
      return g_strdup ("only the first " G_STRINGIFY (BD_DECODER_MAX_PARTS) " MIME parts were read");
    case BD_DECODE_LIMIT_MIME_PARTS:
      return g_strdup ("only the first " G_STRINGIFY (BD_MIME_MAX_PARTS) " MIME parts were read");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * bd_bounce_add_limit:
 * @limit: one limit that was hit
 *
 * Records @limit (once) and adds its recorded form to the note, after any
 * limit already there. For %BD_DECODE_LIMIT_RECIPIENTS, set
 * kept_recipients and skipped_recipients first.
 */
void
bd_bounce_add_limit (BdBounce      *self,
                     BdDecodeLimit  limit)
{
  g_autofree char *said = NULL;
  char *joined;

  g_return_if_fail (self != NULL);

  if (self->limits & limit)
    return;
  self->limits |= limit;
  said = limit_to_string (self, limit);
  joined = self->note != NULL ? g_strconcat (self->note, "; ", said, NULL) : g_strdup (said);
  g_free (self->note);
  self->note = joined;
}
