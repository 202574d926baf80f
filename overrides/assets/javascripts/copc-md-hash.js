// Material for MkDocs' inline script that opens the tab named in the URL hash
// (partials/javascripts/content.html), as a file for the CSP.
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
