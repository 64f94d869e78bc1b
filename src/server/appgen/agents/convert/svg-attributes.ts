/**
 * The SVG props @types/react declares (its `SVGAttributes`, React 19), as React spells them. An SVG
 * attribute is written as a JSX attribute only when its React name is one of these; any other goes
 * through the untyped spread, so a stray `value=` or an editor's `inkscape:label` cannot fail the build.
 */
const NAMES = `
accentHeight accumulate additive alignmentBaseline allowReorder alphabetic amplitude arabicForm ascent
attributeName attributeType autoReverse azimuth baseFrequency baseProfile baselineShift bbox begin bias by
calcMode capHeight className clip clipPath clipPathUnits clipRule color colorInterpolation
colorInterpolationFilters colorProfile colorRendering contentScriptType contentStyleType crossOrigin cursor cx
cy d decelerate descent diffuseConstant direction display divisor dominantBaseline dur dx dy edgeMode
elevation enableBackground end exponent externalResourcesRequired fill fillOpacity fillRule filter filterRes
filterUnits floodColor floodOpacity focusable fontFamily fontSize fontSizeAdjust fontStretch fontStyle
fontVariant fontWeight format fr from fx fy g1 g2 glyphName glyphOrientationHorizontal
glyphOrientationVertical glyphRef gradientTransform gradientUnits hanging height horizAdvX horizOriginX href
id ideographic imageRendering in in2 intercept k k1 k2 k3 k4 kernelMatrix kernelUnitLength kerning keyPoints
keySplines keyTimes lang lengthAdjust letterSpacing lightingColor limitingConeAngle local markerEnd
markerHeight markerMid markerStart markerUnits markerWidth mask maskContentUnits maskUnits mathematical max
media method min mode name nonce numOctaves offset opacity operator order orient orientation origin overflow
overlinePosition overlineThickness paintOrder panose1 part path pathLength patternContentUnits
patternTransform patternUnits pointerEvents points pointsAtX pointsAtY pointsAtZ preserveAlpha
preserveAspectRatio primitiveUnits r radius refX refY renderingIntent repeatCount repeatDur requiredExtensions
requiredFeatures restart result role rotate rx ry scale seed shapeRendering slope slot spacing
specularConstant specularExponent speed spreadMethod startOffset stdDeviation stemh stemv stitchTiles
stopColor stopOpacity strikethroughPosition strikethroughThickness string stroke strokeDasharray
strokeDashoffset strokeLinecap strokeLinejoin strokeMiterlimit strokeOpacity strokeWidth style
suppressHydrationWarning surfaceScale systemLanguage tabIndex tableValues target targetX targetY textAnchor
textDecoration textLength textRendering to transform type u1 u2 underlinePosition underlineThickness unicode
unicodeBidi unicodeRange unitsPerEm vAlphabetic vHanging vIdeographic vMathematical values vectorEffect
version vertAdvY vertOriginX vertOriginY viewBox viewTarget visibility width widths wordSpacing writingMode x
x1 x2 xChannelSelector xHeight xlinkActuate xlinkArcrole xlinkHref xlinkRole xlinkShow xlinkTitle xlinkType
xmlBase xmlLang xmlSpace xmlns xmlnsXlink y y1 y2 yChannelSelector z zoomAndPan
`;

export const SVG_PROPS: ReadonlySet<string> = new Set(NAMES.split(/\s+/).filter(Boolean));
