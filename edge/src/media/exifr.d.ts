// exifr's "lite" build (JPEG, HEIC, TIFF; IFD0, EXIF and GPS blocks) has the same API as the
// package entry, whose types it ships.
declare module 'exifr/dist/lite.esm.mjs' {
  import exifr from 'exifr';
  export default exifr;
}
