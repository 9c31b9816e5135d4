/**
 * File utilities shared by every stage: atomic writes.
 */
package org.msde4j.io;
