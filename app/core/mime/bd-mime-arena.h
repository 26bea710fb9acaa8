/* bd-mime-arena.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The blocks a message's part tree lives in (bd-mime.c), freed at once
 * with its top part: each part cost an allocation for itself, one for its
 * fields, one for its children and one for each string, and as many
 * frees, which cost more than splitting the message.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BdMimeArenaBlock BdMimeArenaBlock;
struct _BdMimeArenaBlock
{
  BdMimeArenaBlock *next;
  gsize             size;      /* this block's, header included */
};

/* bd-mime.c's field arrays grow in place at @top, so it reads both ends */
typedef struct
{
  BdMimeArenaBlock *blocks;    /* the newest first */
  char             *top;       /* the first free byte in blocks */
  char             *limit;     /* the end of blocks */
} BdMimeArena;

BdMimeArena *bd_mime_arena_new       (void);
void         bd_mime_arena_free      (BdMimeArena *arena);
void         bd_mime_arena_add_block (BdMimeArena *arena,
                                      gsize        size);
char        *bd_mime_arena_strndup   (const char  *text,
                                      gsize        len,
                                      gpointer     arena);

/* Sizes are kept in multiples of 8, so every allocation is aligned. */
static inline gsize
bd_mime_arena_round_up (gsize size)
{
  return (size + 7) & ~(gsize)7;
}

/* @size bytes, aligned, until the arena is freed. Inline: a message's
 * tree makes a few dozen of them. */
static inline gpointer
bd_mime_arena_alloc (BdMimeArena *arena,
                     gsize        size)
{
  char *p;

  size = bd_mime_arena_round_up (size);
  if ((gsize)(arena->limit - arena->top) < size)
    bd_mime_arena_add_block (arena, size);
  p = arena->top;
  arena->top += size;
  return p;
}

G_END_DECLS
