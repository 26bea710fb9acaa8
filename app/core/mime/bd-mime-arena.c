/* bd-mime-arena.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "bd-mime-arena.h"

/* Room for the parts and fields of most messages (a bounce and the
 * message it returns, a few parts each): one block for all. */
#define FIRST_BLOCK 8192

/* A new block with at least @size bytes free, twice the last one's size
 * (or FIRST_BLOCK), where the next allocations are made. */
void
bd_mime_arena_add_block (BdMimeArena *arena,
                         gsize        size)
{
  gsize header = bd_mime_arena_round_up (sizeof (BdMimeArenaBlock));
  gsize room = MAX (arena->blocks != NULL ? arena->blocks->size * 2 : FIRST_BLOCK, header + size);
  BdMimeArenaBlock *block = g_malloc (room);

  block->next = arena->blocks;
  block->size = room;
  arena->blocks = block;
  arena->top = (char *)block + header;
  arena->limit = (char *)block + room;
}

/* The first block, holding the arena itself. */
BdMimeArena *
bd_mime_arena_new (void)
{
  BdMimeArena start = { NULL, NULL, NULL };
  BdMimeArena *arena;

  bd_mime_arena_add_block (&start, 0);
  arena = (BdMimeArena *)(gpointer)start.top;
  *arena = start;
  arena->top += bd_mime_arena_round_up (sizeof (BdMimeArena));
  return arena;
}

void
bd_mime_arena_free (BdMimeArena *arena)
{
  BdMimeArenaBlock *block = arena->blocks;

  /* the arena is in the last block freed */
  while (block != NULL)
    {
      BdMimeArenaBlock *next = block->next;

      g_free (block);
      block = next;
    }
}

/* g_strndup () into @arena (a BdMimeCopyFunc). */
char *
bd_mime_arena_strndup (const char *text,
                       gsize       len,
                       gpointer    arena)
{
  char *copy = bd_mime_arena_alloc (arena, len + 1);

  memcpy (copy, text, len);
  copy[len] = '\0';
  return copy;
}
