/* bd-gmime-autocleanups.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GMime 3.2 declares no g_autoptr() cleanups; add them once, here
 * (style.md §8). Include this instead of <gmime/gmime.h>.
 */
#pragma once

#include <gmime/gmime.h>

G_BEGIN_DECLS

#ifndef __GI_SCANNER__
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeParser, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeObject, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeDataWrapper, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeFilter, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InternetAddressList, g_object_unref)
#endif

G_END_DECLS
